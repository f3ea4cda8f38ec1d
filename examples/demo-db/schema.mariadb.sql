-- The same schema on MariaDB/MySQL (the `legacy_db` system of examples/eldrive.yaml).
drop table if exists payments;
drop table if exists charging_sessions;
drop table if exists customers;

create table customers (
  id integer primary key,
  email varchar(254) not null,
  phone varchar(32),
  full_name varchar(200) not null,
  home_address varchar(300),
  last_login_at datetime,
  contract_ended_at datetime
) engine = InnoDB default charset = utf8mb4;
create unique index customers_email_idx on customers (email);
create index customers_phone_idx on customers (phone);

create table charging_sessions (
  id integer primary key,
  customer_id integer not null,
  started_at datetime not null,
  ended_at datetime,
  station_id varchar(40) not null,
  fee decimal(10, 2) not null,
  foreign key (customer_id) references customers (id)
) engine = InnoDB default charset = utf8mb4;
create index charging_sessions_customer_id_idx on charging_sessions (customer_id);

create table payments (
  id integer primary key,
  customer_id integer not null,
  amount decimal(10, 2) not null,
  due_date date not null,
  invoice_number varchar(40) not null,
  settled_at datetime,
  foreign key (customer_id) references customers (id)
) engine = InnoDB default charset = utf8mb4;
create index payments_customer_id_idx on payments (customer_id);
