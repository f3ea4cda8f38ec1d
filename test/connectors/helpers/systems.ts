import type { SystemSpec } from "../../../src/connectors/index.ts";

/**
 * A shop on PostgreSQL and its billing on MariaDB: customers → orders → invoices (in the other
 * database) → invoice lines, three `belongs_to` hops across two kinds of database.
 */
export function shopAndBilling(urls: { shop: string; billing: string }): SystemSpec[] {
  return [
    {
      id: "shop",
      kind: "postgres",
      url: urls.shop,
      tables: {
        customers: {
          primary_key: "id",
          identity: { email: "email", phone: "phone", cnp: "cnp" },
          fields: { name: "identity.name", email: "contact.email", phone: "contact.phone", cnp: "national_id.cnp" },
          activity: "orders",
        },
        orders: { belongs_to: { customer_id: "customers.id" }, fields: { total: "financial.transactions", delivery_address: "contact.delivery_address" }, activity: "orders" },
      },
    },
    {
      id: "billing",
      kind: "mariadb",
      url: urls.billing,
      tables: {
        invoices: { belongs_to: { order_id: "shop.orders.id" }, fields: { number: "financial.invoices", amount: "financial.transactions" }, activity: "orders" },
        invoice_lines: { belongs_to: { invoice_id: "invoices.id" }, fields: { description: "financial.transactions" }, activity: "orders" },
      },
    },
  ];
}

export const shopSchema = `
  create table customers (id integer primary key, email varchar(254) not null, phone varchar(32), cnp varchar(13), name varchar(200) not null);
  create unique index customers_email on customers (email);
  create index customers_phone on customers (phone);
  create index customers_cnp on customers (cnp);
  create table orders (id integer primary key, customer_id integer not null references customers (id), total numeric(10, 2) not null, delivery_address varchar(300));
  create index orders_customer_id on orders (customer_id);
`;

export const billingSchema = `
  create table invoices (id integer primary key, order_id integer not null, number varchar(40) not null, amount decimal(10, 2) not null);
  create index invoices_order_id on invoices (order_id);
  create table invoice_lines (id integer primary key, invoice_id integer not null, description varchar(200) not null, foreign key (invoice_id) references invoices (id));
  create index invoice_lines_invoice_id on invoice_lines (invoice_id);
`;
