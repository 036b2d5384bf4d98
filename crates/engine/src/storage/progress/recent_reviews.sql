-- Answers to review-phase cards since a moment. The caller keeps those of active cards.
SELECT card_id, rating
FROM review_log
WHERE reviewed_at_ms >= :since_ms AND phase_before = 'review'
