import type { LayerName, LayerSettings } from '../settings.js';

/**
 * Layer presets: the folder and file conventions of common backend architectures, as additions to
 * the `layers` settings (`settings['backend-patterns'].layers.presets: ['nestjs', 'hexagonal']`).
 * Presets combine: their globs, class names and decorators are added to the layers' own (defaults
 * or the user's arrays). When globs of several layers match a file, the usual ranking of
 * `fileLayerMatch` decides (a pattern naming the file wins over folders; the folder nearest the file
 * wins between folders), so `contexts/billing/infrastructure/persistence/x.ts` is a repository even
 * though `billing/` also holds `domain/`.
 *
 * Folders that say nothing certain about HTTP, business logic or data access (`infrastructure/` as a
 * whole, `adapters/` as a whole, `entities/`, `utils/`) are left out on purpose: a file there gets a
 * layer from its own name or class, or none.
 */

export const LAYER_PRESET_NAMES = ['mvc', 'layered', 'nestjs', 'hexagonal', 'clean', 'ddd', 'cqrs', 'file-routers', 'stores'] as const;
export type LayerPresetName = (typeof LAYER_PRESET_NAMES)[number];

export interface LayerPreset {
  /** One line for docs and `init` output. */
  readonly description: string;
  readonly layers: Readonly<Partial<Record<LayerName, Partial<LayerSettings>>>>;
}

/** Source file extensions a file pattern accepts. */
const EXT = '{ts,tsx,js,mjs,cjs,mts,cts}';

/** `**\/<name>/**` for each folder name (kept as separate globs so the nearest-folder ranking sees each name). */
function folders(...names: readonly string[]): string[] {
  return names.map((name) => `**/${name}/**`);
}

/** `**\/<parent>/<name>/**` for each name. */
function under(parent: string, names: readonly string[]): string[] {
  return names.map((name) => `**/${parent}/${name}/**`);
}

/** `**\/*<suffix>.<ext>` for each file-name suffix (`.use-case`, `-store`). */
function suffixes(...endings: readonly string[]): string[] {
  return endings.map((ending) => `**/*${ending}.${EXT}`);
}

export const INBOUND_ADAPTERS = ['in', 'inbound', 'primary', 'driving', 'http', 'rest', 'web', 'api', 'controllers', 'graphql', 'grpc'];
export const OUTBOUND_ADAPTERS = ['out', 'outbound', 'secondary', 'driven', 'persistence', 'database', 'db', 'repositories', 'repository', 'prisma', 'typeorm', 'mongo', 'mongoose', 'sql', 'postgres'];
const PERSISTENCE_FOLDERS = ['persistence', 'repositories', 'repository', 'database', 'db', 'orm', 'typeorm', 'prisma', 'mongoose'];
const INTERFACE_FOLDERS = ['http', 'rest', 'controllers', 'graphql', 'web', 'api'];

export const LAYER_PRESETS: Readonly<Record<LayerPresetName, LayerPreset>> = {
  mvc: {
    description: 'MVC folders: controllers/ and routes/ handle requests, services/ hold logic, models/ are the data layer.',
    layers: {
      controller: { files: folders('controllers', 'controller') },
      service: { files: folders('services', 'service') },
      repository: { files: [...folders('models', 'model'), ...suffixes('.model')] },
    },
  },
  layered: {
    description: 'Classic layered: presentation / business / data-access folders (bll, dal, persistence, dao).',
    layers: {
      controller: { files: folders('presentation', 'controller', 'controllers') },
      service: { files: folders('business', 'bll', 'logic', 'service', 'services') },
      repository: { files: folders('dal', 'data-access', 'dataaccess', 'persistence', 'dao', 'daos', 'repository', 'repositories', 'repos') },
    },
  },
  nestjs: {
    description: 'NestJS feature modules: *.controller.ts, *.resolver.ts and *.gateway.ts handle requests, *.service.ts and *.processor.ts hold logic, *.repository.ts access data.',
    layers: {
      controller: { files: suffixes('.controller', '.resolver', '.gateway'), classNames: ['*Controller', '*Resolver'], decorators: ['Controller', 'Resolver', 'WebSocketGateway'] },
      service: { files: suffixes('.service', '.processor', '.consumer'), decorators: ['Processor'] },
      repository: { files: suffixes('.repository'), classNames: ['*Repository'] },
    },
  },
  hexagonal: {
    description: 'Hexagonal / ports and adapters: domain/, application/ and ports/ are the core; inbound adapters (adapters/http, adapters/in) handle requests; outbound ones (adapters/persistence, adapters/out) access data.',
    layers: {
      controller: { files: [...under('adapters', INBOUND_ADAPTERS), ...under('infrastructure', INTERFACE_FOLDERS)] },
      service: { files: folders('domain', 'application', 'ports') },
      repository: { files: [...under('adapters', OUTBOUND_ADAPTERS), ...under('infrastructure', PERSISTENCE_FOLDERS)] },
    },
  },
  clean: {
    description: 'Clean architecture / use cases: usecases/<name>/, use-cases/, interactors/ and *.use-case.ts hold the logic.',
    layers: {
      service: {
        files: [...folders('usecases', 'use-cases', 'use_cases', 'usecase', 'use-case', 'interactors', 'application'), ...suffixes('.usecase', '.use-case', '.use_case', '.interactor')],
        classNames: ['*UseCase', '*Usecase', '*Interactor'],
      },
      repository: { files: under('infrastructure', PERSISTENCE_FOLDERS) },
    },
  },
  ddd: {
    description: 'DDD with bounded contexts: <context>/domain and <context>/application are the core, <context>/infrastructure/persistence accesses data, <context>/interfaces or presentation handle requests.',
    layers: {
      controller: { files: [...folders('interfaces', 'presentation'), ...under('infrastructure', INTERFACE_FOLDERS)] },
      service: { files: folders('domain', 'application') },
      repository: { files: under('infrastructure', PERSISTENCE_FOLDERS) },
    },
  },
  cqrs: {
    description: 'CQRS / event-driven: commands/, queries/, handlers/, sagas/ and *.command-handler.ts / *.query-handler.ts / *.event-handler.ts are logic.',
    layers: {
      service: {
        files: [...folders('commands', 'queries', 'handlers', 'command-handlers', 'query-handlers', 'event-handlers', 'sagas'), ...suffixes('.command-handler', '.query-handler', '.event-handler', '.saga')],
        classNames: ['*CommandHandler', '*QueryHandler', '*EventHandler', '*EventsHandler'],
        decorators: ['CommandHandler', 'QueryHandler', 'EventsHandler'],
      },
    },
  },
  'file-routers': {
    description: 'File-based routers: app/api/**/route.ts, api/**/route.ts, pages/api/**, routes/**/+server.ts, server/api/** handle requests.',
    layers: {
      controller: {
        files: [`**/app/**/route.${EXT}`, `**/api/**/route.${EXT}`, `**/routes/**/+server.${EXT}`, `**/routes/**/+page.server.${EXT}`, '**/pages/api/**', '**/server/api/**', '**/server/routes/**'],
      },
    },
  },
  stores: {
    description: 'Store repositories: *-store.ts, *.store.ts, stores/ and classes named *Store access data.',
    layers: {
      repository: { files: [...suffixes('-store', '.store'), ...folders('stores')], classNames: ['*Store'] },
    },
  },
};

/** The layers with presets added: each list keeps its own entries first, then the presets', without repeats. */
export function applyLayerPresets(layers: Readonly<Record<LayerName, LayerSettings>>, presets: readonly LayerPresetName[]): Record<LayerName, LayerSettings> {
  const result = { ...layers };
  for (const name of presets) {
    for (const [layer, additions] of Object.entries(LAYER_PRESETS[name].layers) as [LayerName, Partial<LayerSettings>][]) {
      const current = result[layer];
      result[layer] = {
        files: union(current.files, additions.files),
        classNames: union(current.classNames, additions.classNames),
        decorators: union(current.decorators, additions.decorators),
      };
    }
  }
  return result;
}

function union(base: readonly string[], extra: readonly string[] | undefined): readonly string[] {
  if (extra === undefined || extra.length === 0) return base;
  return [...new Set([...base, ...extra])];
}
