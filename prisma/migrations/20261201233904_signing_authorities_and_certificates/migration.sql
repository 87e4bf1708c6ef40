-- CreateTable
CREATE TABLE "signing_authorities" (
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "id" UUID NOT NULL,
    "serial_number" VARCHAR(64) NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "private_key_enc" TEXT NOT NULL,
    "not_before" TIMESTAMPTZ(6) NOT NULL,
    "not_after" TIMESTAMPTZ(6) NOT NULL,
    "retired_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signing_authorities_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "signing_certificates" (
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "id" UUID NOT NULL,
    "authority_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "serial_number" VARCHAR(64) NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "private_key_enc" TEXT NOT NULL,
    "not_before" TIMESTAMPTZ(6) NOT NULL,
    "not_after" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "revoke_reason" VARCHAR(40),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signing_certificates_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "signing_authorities_tenant_id_created_at_idx" ON "signing_authorities"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "signing_authorities_tenant_id_serial_number_key" ON "signing_authorities"("tenant_id", "serial_number");

-- CreateIndex
CREATE INDEX "signing_certificates_tenant_id_user_id_not_after_idx" ON "signing_certificates"("tenant_id", "user_id", "not_after");

-- CreateIndex
CREATE INDEX "signing_certificates_tenant_id_authority_id_idx" ON "signing_certificates"("tenant_id", "authority_id");

-- CreateIndex
CREATE UNIQUE INDEX "signing_certificates_tenant_id_serial_number_key" ON "signing_certificates"("tenant_id", "serial_number");

-- AddForeignKey
ALTER TABLE "signing_authorities" ADD CONSTRAINT "signing_authorities_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_tenant_id_authority_id_fkey" FOREIGN KEY ("tenant_id", "authority_id") REFERENCES "signing_authorities"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
