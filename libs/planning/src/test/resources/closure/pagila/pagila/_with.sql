WITH RECURSIVE
-- stores and staff reached downward: the tenant store, its staff, stores those staff members manage, ...
down_store_staff(t, id) AS (
    SELECT 'store', store_id FROM public.store WHERE store_id = ${district}
  UNION
    SELECT n.t, n.id FROM down_store_staff d CROSS JOIN LATERAL (
        SELECT 'staff', staff_id FROM public.staff WHERE d.t = 'store' AND store_id = d.id
        UNION ALL
        SELECT 'store', store_id FROM public.store WHERE d.t = 'staff' AND manager_staff_id = d.id) n(t, id)
),
down_store AS (SELECT id FROM down_store_staff WHERE t = 'store'),
down_customer AS (SELECT customer_id AS id FROM public.customer WHERE store_id IN (SELECT id FROM down_store)),
down_inventory AS (SELECT inventory_id AS id FROM public.inventory WHERE store_id IN (SELECT id FROM down_store)),
down_rental AS (SELECT rental_id AS id FROM public.rental WHERE inventory_id IN (SELECT id FROM down_inventory)),
down_payment AS (SELECT * FROM public.payment WHERE rental_id IN (SELECT id FROM down_rental)),
down(t, id) AS (
    SELECT t, id FROM down_store_staff
    UNION SELECT 'customer', id FROM down_customer
    UNION SELECT 'inventory', id FROM down_inventory
    UNION SELECT 'rental', id FROM down_rental
),
-- every row of the closure but payments (nothing pulls a payment upward): the downward rows and,
-- to the fixpoint, the parents of every included row
closure(t, id) AS (
    SELECT t, id FROM down
  UNION
    SELECT 'customer', customer_id FROM down_payment
  UNION
    SELECT 'rental', rental_id FROM down_payment
  UNION
    SELECT 'staff', staff_id FROM down_payment
  UNION
    SELECT p.t, p.id FROM closure c CROSS JOIN LATERAL (
        SELECT 'address', address_id FROM public.customer WHERE c.t = 'customer' AND customer_id = c.id
        UNION ALL SELECT 'store', store_id FROM public.customer WHERE c.t = 'customer' AND customer_id = c.id
        UNION ALL SELECT 'store', store_id FROM public.inventory WHERE c.t = 'inventory' AND inventory_id = c.id
        UNION ALL SELECT 'film', film_id FROM public.inventory WHERE c.t = 'inventory' AND inventory_id = c.id
        UNION ALL SELECT 'customer', customer_id FROM public.rental WHERE c.t = 'rental' AND rental_id = c.id
        UNION ALL SELECT 'inventory', inventory_id FROM public.rental WHERE c.t = 'rental' AND rental_id = c.id
        UNION ALL SELECT 'staff', staff_id FROM public.rental WHERE c.t = 'rental' AND rental_id = c.id
        UNION ALL SELECT 'address', address_id FROM public.staff WHERE c.t = 'staff' AND staff_id = c.id
        UNION ALL SELECT 'store', store_id FROM public.staff WHERE c.t = 'staff' AND staff_id = c.id
        UNION ALL SELECT 'address', address_id FROM public.store WHERE c.t = 'store' AND store_id = c.id
        UNION ALL SELECT 'staff', manager_staff_id FROM public.store WHERE c.t = 'store' AND store_id = c.id
    ) p(t, id)
)
