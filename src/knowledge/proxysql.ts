// ProxySQL's admin interface: `mysql -u admin -h HOST -P6032` reaches no database but the proxy's
// own configuration, kept in SQLite tables (mysql_servers, mysql_users, mysql_query_rules,
// global_variables, …) and applied with `LOAD … TO RUNTIME` / `SAVE … TO DISK`
// (https://proxysql.com/documentation/configuring-proxysql/). `DELETE FROM mysql_servers`
// followed by INSERTs is how a script rewrites the routing, not a loss of anyone's rows.

/** The admin interface's port (ProxySQL's `admin_variables.mysql_ifaces` default, 0.0.0.0:6032). */
export const PROXYSQL_ADMIN_PORT = '6032';
