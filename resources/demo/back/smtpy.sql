-- Local development database of smtpy, as `sqlite3 back/smtpy.db .dump` printed it.
-- It was last migrated before the squash, so alembic_version still holds
-- a2242b61af45, a revision whose script no longer exists.
-- Recreate it with: sqlite3 back/smtpy.db < back/smtpy.sql
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('a2242b61af45');
CREATE TABLE users (
	id INTEGER NOT NULL, 
	email VARCHAR(255) NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	is_active BOOLEAN DEFAULT 1 NOT NULL, 
	is_admin BOOLEAN DEFAULT 0 NOT NULL, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO users VALUES(1,'ops@example.org','$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$demo-not-a-real-hash',1,1,'2025-03-02 09:14:11');
INSERT INTO users VALUES(2,'alice@example.com','$argon2id$v=19$m=65536,t=3,p=4$YWxpY2Vz$demo-not-a-real-hash',1,0,'2025-04-18 17:02:45');
INSERT INTO users VALUES(3,'bob@example.net','$argon2id$v=19$m=65536,t=3,p=4$Ym9ic2Fs$demo-not-a-real-hash',0,0,'2025-06-30 08:41:27');
CREATE TABLE domains (
	id INTEGER NOT NULL, 
	owner_id INTEGER NOT NULL, 
	name VARCHAR(253) NOT NULL, 
	mx_verified BOOLEAN DEFAULT 0 NOT NULL, 
	spf_verified BOOLEAN DEFAULT 0 NOT NULL, 
	dmarc_policy VARCHAR(16) DEFAULT 'none' NOT NULL, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE
);
INSERT INTO domains VALUES(1,2,'alice.example.com',1,1,'quarantine','2025-04-18 17:10:02');
INSERT INTO domains VALUES(2,3,'bob-shop.example.net',1,0,'none','2025-07-01 10:22:19');
CREATE TABLE mailboxes (
	id INTEGER NOT NULL, 
	domain_id INTEGER NOT NULL, 
	local_part VARCHAR(64) NOT NULL, 
	forward_to VARCHAR(255) NOT NULL, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_mailboxes_domain_local_part UNIQUE (domain_id, local_part), 
	FOREIGN KEY(domain_id) REFERENCES domains (id) ON DELETE CASCADE
);
INSERT INTO mailboxes VALUES(1,1,'hello','alice@example.com','2025-04-18 17:12:40');
INSERT INTO mailboxes VALUES(2,1,'billing','alice@example.com','2025-05-03 11:05:58');
INSERT INTO mailboxes VALUES(3,2,'orders','bob@example.net','2025-07-01 10:30:44');
CREATE TABLE aliases (
	id INTEGER NOT NULL, 
	mailbox_id INTEGER NOT NULL, 
	address VARCHAR(255) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(mailbox_id) REFERENCES mailboxes (id) ON DELETE CASCADE
);
INSERT INTO aliases VALUES(1,1,'contact@alice.example.com');
INSERT INTO aliases VALUES(2,3,'shop@bob-shop.example.net');
CREATE TABLE messages (
	id INTEGER NOT NULL, 
	mailbox_id INTEGER, 
	message_id VARCHAR(998) NOT NULL, 
	sender VARCHAR(255) NOT NULL, 
	recipient VARCHAR(255) NOT NULL, 
	subject TEXT, 
	size_bytes INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	received_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(mailbox_id) REFERENCES mailboxes (id) ON DELETE SET NULL
);
INSERT INTO messages VALUES(1,1,'<20250812091511.4211@mail.example.org>','newsletter@example.org','hello@alice.example.com','Your August digest',18234,'forwarded','2025-08-12 09:15:11');
INSERT INTO messages VALUES(2,2,'<CAF8x1=invoice-0193@example.com>','invoices@example.com','billing@alice.example.com','Invoice #0193',94211,'forwarded','2025-08-14 13:48:02');
INSERT INTO messages VALUES(3,3,'<order-55871@shop.example>','noreply@shop.example','orders@bob-shop.example.net','Order 55871 confirmed',7120,'bounced','2025-08-19 18:03:37');
CREATE TABLE delivery_logs (
	id INTEGER NOT NULL, 
	message_id INTEGER NOT NULL, 
	attempt INTEGER NOT NULL, 
	smtp_code INTEGER, 
	detail TEXT, 
	attempted_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(message_id) REFERENCES messages (id) ON DELETE CASCADE
);
INSERT INTO delivery_logs VALUES(1,1,1,250,'2.0.0 OK','2025-08-12 09:15:12');
INSERT INTO delivery_logs VALUES(2,2,1,250,'2.0.0 OK','2025-08-14 13:48:03');
INSERT INTO delivery_logs VALUES(3,3,1,451,'4.7.1 greylisted, try again later','2025-08-19 18:03:38');
INSERT INTO delivery_logs VALUES(4,3,2,550,'5.1.1 mailbox unavailable','2025-08-19 18:19:40');
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE UNIQUE INDEX ix_domains_name ON domains (name);
CREATE INDEX ix_messages_received_at ON messages (received_at);
COMMIT;
