CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"state_iso3" text,
	"cycle_id" uuid,
	"submission_id" uuid,
	"question_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_scope_target" CHECK (("memberships"."scope" = 'secretariat' and "memberships"."state_iso3" is null and "memberships"."cycle_id" is null and "memberships"."submission_id" is null and "memberships"."question_key" is null)
        or ("memberships"."scope" = 'state' and "memberships"."state_iso3" is not null and "memberships"."cycle_id" is null and "memberships"."submission_id" is null and "memberships"."question_key" is null)
        or ("memberships"."scope" = 'cycle' and "memberships"."state_iso3" is null and "memberships"."cycle_id" is not null and "memberships"."submission_id" is null and "memberships"."question_key" is null)
        or ("memberships"."scope" = 'submission' and "memberships"."state_iso3" is null and "memberships"."cycle_id" is null and "memberships"."submission_id" is not null and "memberships"."question_key" is null)
        or ("memberships"."scope" = 'question' and "memberships"."state_iso3" is null and "memberships"."cycle_id" is null and "memberships"."submission_id" is not null and "memberships"."question_key" is not null))
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_state_iso3_organisations_iso3_fk" FOREIGN KEY ("state_iso3") REFERENCES "public"."organisations"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_cycle_id_review_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."review_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
-- Existing users keep what they could do: a secretariat role over the whole secretariat, a State role in their State's office.
INSERT INTO "memberships" ("user_id", "role", "scope", "state_iso3")
SELECT u."id", u."role", CASE WHEN u."role" LIKE 'secretariat-%' THEN 'secretariat' ELSE 'state' END,
  CASE WHEN u."role" LIKE 'secretariat-%' THEN NULL ELSE o."iso3" END
FROM "users" u LEFT JOIN "organisations" o ON o."id" = u."organisation_id"
WHERE u."role" LIKE 'secretariat-%' OR o."iso3" IS NOT NULL;
