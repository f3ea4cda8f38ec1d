-- eldrive's demo customer database (the `app_db` system of examples/eldrive.yaml) on PostgreSQL.
-- Every identity column and every belongs_to column has an index: Registru refuses to look a
-- subject up by a column without one (it would scan the whole table).
drop table if exists payments;
drop table if exists charging_sessions;
drop table if exists customers;

create table customers (
  id integer primary key,
  email varchar(254) not null,
  phone varchar(32),
  full_name varchar(200) not null,
  home_address varchar(300),
  last_login_at timestamp,
  contract_ended_at timestamp
);
create unique index customers_email_idx on customers (email);
create index customers_phone_idx on customers (phone);

create table charging_sessions (
  id integer primary key,
  customer_id integer not null references customers (id),
  started_at timestamp not null,
  ended_at timestamp,
  station_id varchar(40) not null,
  fee numeric(10, 2) not null
);
create index charging_sessions_customer_id_idx on charging_sessions (customer_id);

create table payments (
  id integer primary key,
  customer_id integer not null references customers (id),
  amount numeric(10, 2) not null,
  due_date date not null,
  invoice_number varchar(40) not null,
  settled_at timestamp
);
create index payments_customer_id_idx on payments (customer_id);
