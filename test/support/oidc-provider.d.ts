/** The little of oidc-provider (v9, no bundled types) that the single sign-on test uses: a real provider with its own interaction handler. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Interaction {
    readonly uid: string;
    readonly prompt: { readonly name: string; readonly details: { readonly missingOIDCScope?: string[] } };
    readonly params: Record<string, unknown> & { readonly client_id: string };
    readonly session?: { readonly accountId: string };
    readonly grantId?: string;
  }

  interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    /** Koa's request handler. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    readonly Grant: (new (init: { accountId: string; clientId: string }) => Grant) & { find(id: string): Promise<Grant | undefined> };
  }
}
