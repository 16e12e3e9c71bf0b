-- L'avenant signé : chaque signature figée (nom, qualité, organisation, lieu, heure), l'empreinte des
-- deux signatures et celle du PDF signé. L'avenant généré ne change toujours pas ; chaque colonne de
-- signature s'écrit une fois, à la signature, puis plus rien ; rien ne s'efface (TRUNCATE : migration 0009).
ALTER TABLE "avenant" ADD COLUMN "signature_ml" text;
--> statement-breakpoint
ALTER TABLE "avenant" ADD COLUMN "signature_etat" text;
--> statement-breakpoint
ALTER TABLE "avenant" ADD COLUMN "empreinte_signatures" text;
--> statement-breakpoint
ALTER TABLE "avenant" ADD COLUMN "empreinte_pdf_signe" text;
--> statement-breakpoint
CREATE FUNCTION avenant_signatures_une_fois() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'la table avenant est en ajout seul : ni modification ni suppression (avenant du dialogue %)', OLD.dialogue_id;
  END IF;
  IF (NEW.dialogue_id, NEW.numero, NEW.donnees, NEW.empreinte_donnees, NEW.empreinte_pdf, NEW.genere_le, NEW.genere_par)
     IS DISTINCT FROM (OLD.dialogue_id, OLD.numero, OLD.donnees, OLD.empreinte_donnees, OLD.empreinte_pdf, OLD.genere_le, OLD.genere_par)
  THEN
    RAISE EXCEPTION 'la table avenant est en ajout seul : l''avenant généré du dialogue % ne se modifie pas', OLD.dialogue_id;
  END IF;
  IF (OLD.signature_ml IS NOT NULL AND NEW.signature_ml IS DISTINCT FROM OLD.signature_ml)
     OR (OLD.signature_etat IS NOT NULL AND NEW.signature_etat IS DISTINCT FROM OLD.signature_etat)
     OR (OLD.empreinte_signatures IS NOT NULL AND NEW.empreinte_signatures IS DISTINCT FROM OLD.empreinte_signatures)
     OR (OLD.empreinte_pdf_signe IS NOT NULL AND NEW.empreinte_pdf_signe IS DISTINCT FROM OLD.empreinte_pdf_signe)
  THEN
    RAISE EXCEPTION 'la table avenant est en ajout seul : une signature de l''avenant du dialogue % ne se modifie plus', OLD.dialogue_id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER avenant_ajout_seul ON avenant;
--> statement-breakpoint
CREATE TRIGGER avenant_ajout_seul BEFORE UPDATE OR DELETE ON avenant FOR EACH ROW EXECUTE FUNCTION avenant_signatures_une_fois();
--> statement-breakpoint
ALTER TABLE avenant ENABLE ALWAYS TRIGGER avenant_ajout_seul;
