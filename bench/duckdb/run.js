// The DuckDB side of bench/run-prescreen.sh: the tables of the synthetic OMOP population
// (exported from the same SQLite file as CSV) loaded into DuckDB, and the same criteria
// compiled to SQL in DuckDB's dialect, timed until every person's row is read.
//   node run.js CSV_DIR DDL_FILE SQL_FILE
// Prints {"duckdb_load_s", "duckdb_sql_s", "duckdb_rows"} as JSON.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [csvDir, ddlFile, sqlFile] = process.argv.slice(2);
const tables = ['concept', 'person', 'observation_period', 'condition_occurrence', 'measurement', 'observation',
  'drug_exposure', 'procedure_occurrence'];

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
// The warehouse's tables; its person_id indexes are left out (DuckDB scans columns).
const ddl = readFileSync(ddlFile, 'utf8').split(';\n').filter((statement) => statement.startsWith('CREATE TABLE'));
for (const statement of ddl) await connection.run(statement);
let started = performance.now();
for (const table of tables) {
  await connection.run(`COPY ${table} FROM '${csvDir}/${table}.csv' (HEADER true, NULLSTR '')`);
}
const load = (performance.now() - started) / 1000;
const sql = readFileSync(sqlFile, 'utf8');
started = performance.now();
const reader = await connection.runAndReadAll(sql);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ duckdb_load_s: load, duckdb_sql_s: seconds, duckdb_rows: reader.currentRowCount }));
