CREATE TABLE `prompt_versions` (
	`owner` text NOT NULL,
	`prompt_id` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` text NOT NULL,
	`note` text,
	`content` text NOT NULL,
	PRIMARY KEY(`owner`, `prompt_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `prompts` (
	`owner` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`labels` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`owner`, `id`)
);
