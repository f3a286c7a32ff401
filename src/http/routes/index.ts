/** Every route of the API, registered in one place. */
import type { Api } from '../api.js';
import type { ServerOptions } from '../options.js';
import { agendaRoutes } from './agenda.routes.js';
import { assignmentRoutes } from './assignments.routes.js';
import { authRoutes } from './auth.routes.js';
import { beneficiaryRoutes } from './beneficiary.routes.js';
import { boardRoutes } from './board.routes.js';
import { mainLinkRoutes } from './main-link.routes.js';
import { peopleChoiceRoutes } from './people-choice.routes.js';
import { scorecardRoutes } from './scorecards.routes.js';
import { processMapRoutes } from './process-map.routes.js';
import { inquiryRoutes } from './inquiry.routes.js';
import { calendarRoutes } from './calendar.routes.js';
import { directoryRoutes } from './directory.routes.js';
import { fileRoutes } from './files.routes.js';
import { ladderRoutes } from './ladder.routes.js';
import { recordRoutes } from './record.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { organisationRoutes } from './organisation.routes.js';

/** Registers all routes. */
export function registerRoutes(api: Api, options: ServerOptions): Promise<void> {
  authRoutes(api, options);
  oidcRoutes(api, options);
  tokenRoutes(api, options);
  calendarRoutes(api, options);
  assignmentRoutes(api, options);
  fileRoutes(api, options);
  beneficiaryRoutes(api, options);
  recordRoutes(api, options);
  organisationRoutes(api, options);
  directoryRoutes(api, options);
  ladderRoutes(api, options);
  agendaRoutes(api, options);
  boardRoutes(api, options);
  peopleChoiceRoutes(api, options);
  mainLinkRoutes(api, options);
  scorecardRoutes(api, options);
  processMapRoutes(api, options);
  inquiryRoutes(api, options);
  return Promise.resolve();
}
