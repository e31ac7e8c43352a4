CREATE TABLE "shares" (
	"id" text PRIMARY KEY NOT NULL,
	"dedupe_key" text,
	"snapshot" text NOT NULL,
	"revoke_token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "shares_dedupe_key_unique" UNIQUE("dedupe_key")
);
