-- CreateTable
CREATE TABLE "platform_users" (
    "id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" TEXT,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_at" TIMESTAMPTZ(6),
    "last_login_at" TIMESTAMPTZ(6),
    "totp_secret_enc" TEXT,
    "totp_enabled_at" TIMESTAMPTZ(6),
    "totp_last_step" BIGINT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    "deactivated_at" TIMESTAMPTZ(6),

    CONSTRAINT "platform_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_login_attempts" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "email_hash" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(45) NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_security_events" (
    "id" UUID NOT NULL,
    "type" "SecurityEventType" NOT NULL,
    "severity" "Severity" NOT NULL,
    "user_id" UUID,
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(512),
    "request_id" VARCHAR(64),
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_security_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_audit_logs" (
    "id" UUID NOT NULL,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "actor_id" UUID,
    "action" VARCHAR(80) NOT NULL,
    "entity_type" VARCHAR(60) NOT NULL,
    "entity_id" VARCHAR(64),
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(512),
    "request_id" VARCHAR(64),
    "risk_score" SMALLINT NOT NULL DEFAULT 0,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" VARCHAR(64) NOT NULL DEFAULT '',
    "hash" VARCHAR(64) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "platform_users_email_key" ON "platform_users"("email");

-- CreateIndex
CREATE INDEX "platform_login_attempts_ip_created_at_idx" ON "platform_login_attempts"("ip", "created_at");

-- CreateIndex
CREATE INDEX "platform_login_attempts_user_id_created_at_idx" ON "platform_login_attempts"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "platform_login_attempts_created_at_idx" ON "platform_login_attempts"("created_at");

-- CreateIndex
CREATE INDEX "platform_security_events_type_created_at_idx" ON "platform_security_events"("type", "created_at");

-- CreateIndex
CREATE INDEX "platform_security_events_severity_created_at_idx" ON "platform_security_events"("severity", "created_at");

-- CreateIndex
CREATE INDEX "platform_security_events_created_at_idx" ON "platform_security_events"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "platform_audit_logs_seq_key" ON "platform_audit_logs"("seq");

-- CreateIndex
CREATE INDEX "platform_audit_logs_actor_id_created_at_idx" ON "platform_audit_logs"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "platform_audit_logs_action_created_at_idx" ON "platform_audit_logs"("action", "created_at");

-- CreateIndex
CREATE INDEX "platform_audit_logs_created_at_idx" ON "platform_audit_logs"("created_at");
