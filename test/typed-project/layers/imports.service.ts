export class ImportsService {
  async run(rows: string[]) {
    if (rows.length === 0) throw new Error('Import must contain at least one row');
    return rows.length;
  }
  async check(rows: string[]) {
    if (rows.length > 100) throw new Error('Too many rows in import');
    return rows.length;
  }
}
