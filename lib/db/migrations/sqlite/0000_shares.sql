CREATE TABLE `shares` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text,
	`snapshot` text NOT NULL,
	`revoke_token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_dedupe_key_unique` ON `shares` (`dedupe_key`);