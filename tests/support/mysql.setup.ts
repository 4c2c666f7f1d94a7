import { inject } from 'vitest';

// Every suite of the MySQL project builds its apps on MySQL (see @xinfang/server/testing).
process.env.TEST_DB = 'mysql';
process.env.TEST_MYSQL_URL = inject('mysqlUrl');
