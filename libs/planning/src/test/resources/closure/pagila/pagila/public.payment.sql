SELECT payment_date::text, payment_id FROM down_payment ORDER BY payment_date::text COLLATE "C", payment_id
