-- Master data (主数据) a ticket needs: customers, their devices, spare parts and warehouses. Filled by the REST API,
-- the Excel / CSV import (upsert by each table's natural key, so a re-import changes nothing) and, for customers,
-- the CRM sync. Same SQL on H2 and PostgreSQL (see V1).

-- A customer's id is the value tickets carry in ticket.customer_id (客户编号, e.g. C-1001); the hub's own key, also
-- sent to the CRM as the external key. Ids in other systems are columns of their own, unique when present.
create table customer (
    id                varchar(64)  primary key,
    name              varchar(200) not null,
    phone             varchar(32),
    region            varchar(64),
    tier              varchar(32),
    address           varchar(500),
    crm_id            varchar(64)  unique,
    erp_customer_code varchar(64),
    -- the CRM's last_modified_time of the version the hub holds, and a hash of the fields the CRM owns: a change
    -- that comes back from the CRM with the same hash is the hub's own write (echo), not news
    crm_modified_at   bigint,
    crm_hash          varchar(64),
    source            varchar(16)  not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    version           bigint       not null
);
create index customer_phone_idx on customer (phone);
create index customer_name_idx on customer (name, id);
create index customer_region_idx on customer (region);

-- Contacts (联系人) of a customer, in the order given.
create table customer_contact (
    customer_id varchar(64)  not null references customer (id),
    position    integer      not null,
    name        varchar(64)  not null,
    phone       varchar(32),
    title       varchar(64),
    primary key (customer_id, position)
);
create index customer_contact_phone_idx on customer_contact (phone);

-- A device (设备) by its serial number; in warranty while today (Asia/Shanghai) <= warranty_end.
create table device (
    serial        varchar(64)  primary key,
    model         varchar(64)  not null,
    product_line  varchar(64),
    customer_id   varchar(64)  not null references customer (id),
    purchase_date date,
    warranty_end  date,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    version       bigint       not null
);
create index device_customer_idx on device (customer_id);

-- A spare part (备件) by the hub's SKU; safety stock (安全库存) in the part's unit.
create table spare_part (
    sku          varchar(64)   primary key,
    name         varchar(200)  not null,
    spec         varchar(200),
    unit         varchar(16)   not null,
    safety_stock numeric(18,6),
    active       boolean       not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    version      bigint        not null
);
create index spare_part_name_idx on spare_part (name, sku);

-- The part's code in each ERP connector instance (kingdee-sh: 1.01.0001); replaces the connectors' material-codes.
create table spare_part_erp_code (
    sku          varchar(64) not null references spare_part (sku),
    erp_instance varchar(64) not null,
    erp_code     varchar(64) not null,
    primary key (sku, erp_instance),
    unique (erp_instance, erp_code)
);

-- A warehouse (仓库): the ERP instance that books it and its code there (replaces hub.erp.warehouses and the
-- connectors' warehouse-codes), and who hears StockLow for it (a channel with a robot or users).
create table warehouse (
    code           varchar(32)   primary key,
    name           varchar(200)  not null,
    region         varchar(64),
    erp_instance   varchar(64)   not null,
    erp_code       varchar(64)   not null,
    notify_channel varchar(16),
    notify_robot   varchar(64),
    notify_users   varchar(1000),
    active         boolean       not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint        not null,
    unique (erp_instance, erp_code)
);

-- Who reported the fault (报修人), when not the customer's main contact; the CRM match uses the phone.
alter table ticket add column reporter_name varchar(64);
alter table ticket add column reporter_phone varchar(32);
create index ticket_reporter_phone_idx on ticket (reporter_phone);
