-- Answers to review-phase cards since a moment, with the answered card's tags.
SELECT c.tags_json, r.rating
FROM review_log r
JOIN cards c ON c.id = r.card_id
WHERE r.reviewed_at_ms >= :since_ms AND r.phase_before = 'review' AND c.status = 'active'
