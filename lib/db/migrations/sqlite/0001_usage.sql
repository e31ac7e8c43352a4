CREATE TABLE `usage_daily` (
	`key_id` text NOT NULL,
	`day` text NOT NULL,
	`model` text NOT NULL,
	`surface` text NOT NULL,
	`requests` integer NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	`estimated_requests` integer NOT NULL,
	`cost_nano_usd` integer NOT NULL,
	`unpriced_requests` integer NOT NULL,
	PRIMARY KEY(`key_id`, `day`, `model`, `surface`)
);
