CREATE TABLE "organisation" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"nom" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "utilisateur" (
	"id" serial PRIMARY KEY NOT NULL,
	"courriel" text NOT NULL,
	"nom" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "utilisateur_courriel_unique" UNIQUE("courriel")
);
--> statement-breakpoint
ALTER TABLE "utilisateur" ADD CONSTRAINT "utilisateur_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_type_code_idx" ON "organisation" USING btree ("type","code");