-- (table, key, owner) of the cross-tenant rows (see the README)
SELECT 'public.customer', 'customer_id=' || x.customer_id, x.store_id::text
FROM public.customer x
WHERE x.store_id <> ${district}
  AND x.customer_id IN (SELECT id FROM closure WHERE t = 'customer')
  AND x.customer_id NOT IN (SELECT id FROM down WHERE t = 'customer')
  AND (x.customer_id IN (SELECT customer_id FROM public.rental WHERE rental_id IN (SELECT id FROM down WHERE t = 'rental'))
       OR x.customer_id IN (SELECT customer_id FROM down_payment))
UNION ALL
SELECT 'public.staff', 'staff_id=' || x.staff_id, x.store_id::text
FROM public.staff x
WHERE x.store_id <> ${district}
  AND x.staff_id IN (SELECT id FROM closure WHERE t = 'staff')
  AND x.staff_id NOT IN (SELECT id FROM down WHERE t = 'staff')
  AND (x.staff_id IN (SELECT staff_id FROM public.rental WHERE rental_id IN (SELECT id FROM down WHERE t = 'rental'))
       OR x.staff_id IN (SELECT staff_id FROM down_payment)
       OR x.staff_id IN (SELECT manager_staff_id FROM public.store WHERE store_id IN (SELECT id FROM down WHERE t = 'store')))
UNION ALL
SELECT 'public.inventory', 'inventory_id=' || x.inventory_id, x.store_id::text
FROM public.inventory x
WHERE x.store_id <> ${district}
  AND x.inventory_id IN (SELECT id FROM closure WHERE t = 'inventory')
  AND x.inventory_id NOT IN (SELECT id FROM down WHERE t = 'inventory')
  AND x.inventory_id IN (SELECT inventory_id FROM public.rental WHERE rental_id IN (SELECT id FROM down WHERE t = 'rental'))
UNION ALL
SELECT 'public.rental', 'rental_id=' || x.rental_id, i.store_id::text
FROM public.rental x JOIN public.inventory i USING (inventory_id)
WHERE i.store_id <> ${district}
  AND x.rental_id IN (SELECT id FROM closure WHERE t = 'rental')
  AND x.rental_id NOT IN (SELECT id FROM down WHERE t = 'rental')
  AND x.rental_id IN (SELECT rental_id FROM down_payment)
ORDER BY 1, 2
