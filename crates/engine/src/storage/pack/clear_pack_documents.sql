DELETE FROM pack_documents WHERE pack_name = ?1
