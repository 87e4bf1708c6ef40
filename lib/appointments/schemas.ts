// Types client code may use; Prisma's own modules stay on the server side of the line.
export type { AppointmentModality, AppointmentStatus } from "@/lib/generated/prisma/enums";
