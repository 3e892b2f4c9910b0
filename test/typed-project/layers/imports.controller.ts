import { ImportsService } from './imports.service.js';

class BadRequest extends Error {}

export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  async create(rows: string[]) {
    try {
      return await this.imports.run(rows);
    } catch (error) {
      throw new BadRequest(error instanceof Error ? error.message : 'Import failed');
    }
  }

  async preview(rows: string[]) {
    return this.imports.check(rows);
  }
}
