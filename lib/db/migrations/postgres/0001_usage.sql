CREATE TABLE "usage_daily" (
	"key_id" text NOT NULL,
	"day" text NOT NULL,
	"model" text NOT NULL,
	"surface" text NOT NULL,
	"requests" bigint NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"estimated_requests" bigint NOT NULL,
	"cost_nano_usd" bigint NOT NULL,
	"unpriced_requests" bigint NOT NULL,
	CONSTRAINT "usage_daily_key_id_day_model_surface_pk" PRIMARY KEY("key_id","day","model","surface")
);
