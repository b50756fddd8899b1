-- Hand out ticket numbers from a cache of 100: without it every new ticket flushes the sequence to disk under
-- the database's commit lock. A crash may skip up to 100 numbers (numbers stay unique, never reused).
alter sequence ticket_number_seq cache 100;
