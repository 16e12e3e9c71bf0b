-- Les sessions ouvertes, en base : le cookie ne porte plus que leur identifiant. Se déconnecter, se
-- déconnecter partout, désactiver un compte ou changer son rôle, son organisation ou son courriel les
-- ferme : le déclencheur s'applique aussi à un changement fait directement en SQL.
ALTER TABLE "utilisateur" ADD COLUMN "actif" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
CREATE TABLE "session_utilisateur" (
	"id" text PRIMARY KEY NOT NULL,
	"utilisateur_id" integer NOT NULL,
	"ouverte_le" timestamp with time zone DEFAULT now() NOT NULL,
	"expire_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_utilisateur" ADD CONSTRAINT "session_utilisateur_utilisateur_id_utilisateur_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateur"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "session_utilisateur_utilisateur_idx" ON "session_utilisateur" USING btree ("utilisateur_id");
--> statement-breakpoint
CREATE FUNCTION fermer_sessions_utilisateur() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM session_utilisateur WHERE utilisateur_id = OLD.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER utilisateur_ferme_sessions AFTER UPDATE OF role, organisation_id, courriel, actif ON utilisateur FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.courriel IS DISTINCT FROM NEW.courriel OR NOT NEW.actif)
  EXECUTE FUNCTION fermer_sessions_utilisateur();
--> statement-breakpoint
ALTER TABLE utilisateur ENABLE ALWAYS TRIGGER utilisateur_ferme_sessions;
