CREATE TABLE "etat_donnees" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "etat_donnees" ("id", "version") VALUES (1, 0);
