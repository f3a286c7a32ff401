/** Routes a validated command to its use case. */
import type { WriteSession } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { issueCommand, lifecycleCommand } from './assignment.commands.js';
import type { CommandContext, Outcome } from './context.js';
import { registerDecisionCommand } from './decision.commands.js';
import {
  appointCommand,
  createBodyCommand,
  createCommitteeCommand,
  createPostCommand,
  createUnitCommand,
  dissolveCommitteeCommand,
  grantRoleCommand,
  registerPersonCommand,
  revokeRoleCommand,
  vacateCommand, declareProfileCommand,
} from './organisation.commands.js';
import type { Command } from './schemas.js';
import { agendaItemCommand, submitAgendaCommand } from './agenda.commands.js';
import { changeCalendarCommand, changeLadderCommand, decideAccountabilityCommand, defineCalendarCommand, defineLadderCommand, ladderStepCommand } from './ladder.commands.js';
import { importTraceCommand } from './trace.commands.js';
import { urgentDemandCommand } from './urgent.commands.js';

/** Executes one command in the given write session. Refusals come back as values; nothing is appended for them. */
export function executeCommand(tx: WriteSession, ctx: CommandContext, c: Command): Promise<AppResult<Outcome>> {
  switch (c.type) {
    case 'unit.create':
      return createUnitCommand(tx, ctx, c);
    case 'person.register':
      return registerPersonCommand(tx, ctx, c);
    case 'person.grant-role':
      return grantRoleCommand(tx, ctx, c);
    case 'person.revoke-role':
      return revokeRoleCommand(tx, ctx, c);
    case 'post.create':
      return createPostCommand(tx, ctx, c);
    case 'post.appoint':
      return appointCommand(tx, ctx, c);
    case 'post.vacate':
      return vacateCommand(tx, ctx, c);
    case 'post.declare-profile':
      return declareProfileCommand(tx, ctx, c);
    case 'body.create':
      return createBodyCommand(tx, ctx, c);
    case 'committee.create':
      return createCommitteeCommand(tx, ctx, c);
    case 'committee.dissolve':
      return dissolveCommitteeCommand(tx, ctx, c);
    case 'decision.register':
      return registerDecisionCommand(tx, ctx, c);
    case 'assignment.issue':
      return issueCommand(tx, ctx, c);
    case 'urgent.demand':
      return urgentDemandCommand(tx, ctx, c);
    case 'calendar.define':
      return defineCalendarCommand(tx, ctx, c);
    case 'calendar.revise':
    case 'calendar.retire':
      return changeCalendarCommand(tx, ctx, c);
    case 'ladder.define':
      return defineLadderCommand(tx, ctx, c);
    case 'ladder.revise':
    case 'ladder.retire':
      return changeLadderCommand(tx, ctx, c);
    case 'ladder.step':
      return ladderStepCommand(tx, ctx, c);
    case 'accountability.decide':
      return decideAccountabilityCommand(tx, ctx, c);
    case 'agenda.submit':
      return submitAgendaCommand(tx, ctx, c);
    case 'agenda.resubmit':
    case 'agenda.return':
    case 'agenda.schedule':
    case 'agenda.decide':
    case 'agenda.withdraw':
      return agendaItemCommand(tx, ctx, c);
    case 'trace.import':
      return importTraceCommand(tx, ctx, c);
    default:
      return lifecycleCommand(tx, ctx, c);
  }
}
