// The filter guard: in Prisma an `undefined` filter value means "no filter", so a missing id
// would turn update({ where: { id } }) into "every row the tenant has". The guard refuses it.
import { describe, expect, it } from "vitest";
import { assertSafeFilter, PLATFORM_MODELS, UnsafeFilterError } from "./guard-extension";

const refuse = (model: string, operation: string, args: unknown) =>
  expect(() => assertSafeFilter(model, operation, args)).toThrow(UnsafeFilterError);
const allow = (model: string, operation: string, args: unknown) =>
  expect(() => assertSafeFilter(model, operation, args)).not.toThrow();

describe("assertSafeFilter", () => {
  it("refuses a top-level undefined filter value, naming it", () => {
    expect(() => assertSafeFilter("Patient", "findMany", { where: { id: undefined } }))
      .toThrow('Refused Patient.findMany: filter "id" is undefined');
    refuse("Patient", "updateMany", { where: { tenantId: "t", id: undefined }, data: {} });
    refuse("Appointment", "count", { where: { patientId: undefined } });
  });

  it("refuses undefined inside AND / OR", () => {
    expect(() => assertSafeFilter("Patient", "findMany", { where: { AND: [{ status: "ACTIVE" }, { id: undefined }] } }))
      .toThrow('filter "AND.id" is undefined');
    expect(() => assertSafeFilter("Patient", "updateMany", { where: { OR: [{ id: undefined }] }, data: {} }))
      .toThrow('filter "OR.id" is undefined');
  });

  it.each(["update", "updateMany", "upsert", "delete", "deleteMany", "findFirst", "findFirstOrThrow", "findUnique", "findUniqueOrThrow"])(
    "refuses %s with a missing or empty where",
    (operation) => {
      refuse("Patient", operation, { where: {} });
      refuse("Patient", operation, {});
      refuse("Patient", operation, undefined);
    },
  );

  it("allows findMany and count without a where (RLS still scopes them to the tenant)", () => {
    allow("Patient", "findMany", undefined);
    allow("Patient", "findMany", {});
    allow("Patient", "findMany", { where: {} });
    allow("Patient", "count", {});
    allow("Patient", "create", { data: { fullName: "Ana" } });
  });

  it("allows well-formed filters, including null values and nested AND / OR", () => {
    allow("Patient", "update", { where: { id: "p1" }, data: {} });
    allow("Patient", "findFirst", { where: { cpfHash: null } });
    allow("Patient", "deleteMany", { where: { AND: [{ id: "p1" }, { status: "ACTIVE" }], OR: [{ phone: "1" }] } });
  });

  it("exempts platform models, which belong to no tenant", () => {
    expect(PLATFORM_MODELS.has("Tenant")).toBe(true);
    expect(PLATFORM_MODELS.has("Patient")).toBe(false);
    allow("Tenant", "findFirst", {});
    allow("Tenant", "findUnique", { where: { slug: undefined } });
    allow("Role", "updateMany", { where: {}, data: {} });
    allow("Cid10Code", "findFirst", undefined);
  });
});

describe("assertSafeFilter, nested", () => {
  it.each([
    [{ id: { equals: undefined } }, "id.equals"],
    [{ NOT: { id: undefined } }, "NOT.id"],
    [{ AND: { id: undefined } }, "AND.id"],
    [{ id: { in: undefined } }, "id.in"],
    [{ patient: { is: { id: undefined } } }, "patient.is.id"],
    [{ OR: [{ id: "x" }, { cpfHash: { equals: undefined } }] }, "OR.cpfHash.equals"],
  ])("refuses %j naming %s", (where, path) => {
    expect(() => assertSafeFilter("Patient", "updateMany", { where })).toThrow(path);
  });

  it("walks plain objects only: dates and arrays of values pass", () => {
    expect(() => assertSafeFilter("Appointment", "findMany", {
      where: { startsAt: { gte: new Date(), lt: new Date() }, status: { in: ["SCHEDULED", "CONFIRMED"] } },
    })).not.toThrow();
  });
});
