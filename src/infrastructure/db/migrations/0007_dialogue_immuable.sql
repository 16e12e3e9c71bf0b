-- L'historique des dialogues et les avenants générés ne se modifient ni ne s'effacent ; un dialogue
-- signé non plus : seul le bilan intermédiaire s'y ajoute (table à part).
CREATE TRIGGER dialogue_evenement_ajout_seul BEFORE UPDATE OR DELETE ON dialogue_evenement FOR EACH ROW EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER avenant_ajout_seul BEFORE UPDATE OR DELETE ON avenant FOR EACH ROW EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE FUNCTION refuser_dialogue_signe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.etat = 'signe' THEN
    RAISE EXCEPTION 'le dialogue % est signé : il ne se modifie plus', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dialogue_signe_immuable BEFORE UPDATE OR DELETE ON dialogue FOR EACH ROW EXECUTE FUNCTION refuser_dialogue_signe();
--> statement-breakpoint
ALTER TABLE dialogue_evenement ENABLE ALWAYS TRIGGER dialogue_evenement_ajout_seul;
--> statement-breakpoint
ALTER TABLE avenant ENABLE ALWAYS TRIGGER avenant_ajout_seul;
--> statement-breakpoint
ALTER TABLE dialogue ENABLE ALWAYS TRIGGER dialogue_signe_immuable;
