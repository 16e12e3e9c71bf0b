-- Le déclencheur ne connaît plus le nom de l'état signé : il lit `definitif`, posé par l'application
-- (noyau `decider`) quand le dialogue atteint l'état signé du cadre (décision 0019). Un dialogue
-- définitif ne se modifie plus, `definitif` compris.
ALTER TABLE "dialogue" ADD COLUMN "definitif" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuser_dialogue_signe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.definitif THEN
    RAISE EXCEPTION 'le dialogue % est signé : il ne se modifie plus', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Les dialogues déjà signés, sous le nom d'état de la CPO 2015-2018 (le seul cadre qui ait servi).
UPDATE dialogue SET definitif = true WHERE etat = 'signe';
