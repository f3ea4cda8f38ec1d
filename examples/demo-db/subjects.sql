-- A few demo subjects, in SQL both PostgreSQL and MariaDB accept. E-mail addresses are stored
-- lower-case and phone numbers in E.164, the form Registru normalises a subject's identities to.
insert into customers (id, email, phone, full_name, home_address, last_login_at, contract_ended_at) values
  (1, 'ana.popescu@example.com', '+40721000001', 'Ana Popescu', 'Str. Exemplu 1, Bucuresti', '2026-10-30 08:15:00', null),
  (2, 'marko.petrovic@example.com', '+381641000002', 'Marko Petrovic', 'Bulevar Primera 2, Beograd', '2026-09-12 19:40:00', null),
  (3, 'ion.ionescu@example.com', '+40731000003', 'Ion Ionescu', 'Str. Demo 3, Cluj-Napoca', '2024-01-05 12:00:00', '2024-02-01 00:00:00'),
  (4, 'elena.dumitru@example.com', null, 'Elena Dumitru', null, null, null);

insert into charging_sessions (id, customer_id, started_at, ended_at, station_id, fee) values
  (1, 1, '2026-10-01 07:30:00', '2026-10-01 08:10:00', 'RO-B-0001', 42.50),
  (2, 1, '2026-10-14 18:05:00', '2026-10-14 19:00:00', 'RO-B-0007', 55.00),
  (3, 1, '2026-10-29 12:00:00', '2026-10-29 12:45:00', 'RO-IF-0003', 38.20),
  (4, 2, '2026-09-10 09:00:00', '2026-09-10 09:35:00', 'RO-B-0001', 30.00),
  (5, 2, '2026-09-11 21:10:00', null, 'RO-CJ-0002', 12.75),
  (6, 3, '2024-01-04 16:20:00', '2024-01-04 17:00:00', 'RO-CJ-0002', 47.00);

insert into payments (id, customer_id, amount, due_date, invoice_number, settled_at) values
  (1, 1, 97.50, '2026-10-31', 'ELD-2026-00101', '2026-10-25 10:00:00'),
  (2, 1, 38.20, '2026-11-30', 'ELD-2026-00188', null),
  (3, 2, 42.75, '2026-09-30', 'ELD-2026-00077', '2026-09-29 14:30:00'),
  (4, 3, 47.00, '2024-01-31', 'ELD-2024-00012', '2024-01-20 09:00:00');
