-- Cards of a document that its next import may retire. Question cards follow their
-- question instead (storage::questions).
SELECT id FROM cards WHERE document_id = ?1 AND status != 'retired' AND generator != 'question'
