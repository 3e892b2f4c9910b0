import type { AuditResult } from '../findings.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText, type TextOptions } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** Reporters are pure functions of the result, chosen by name. */
export function formatReport(format: Format, result: AuditResult, textOptions: TextOptions): string {
  switch (format) {
    case 'text':
      return formatText(result, textOptions);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    case 'markdown':
      return formatMarkdown(result);
    case 'html':
      return formatHtml(result);
    case 'github':
      return formatGithub(result);
    case 'gitlab':
      return formatGitlab(result);
  }
}
