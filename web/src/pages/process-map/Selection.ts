/** What is selected on the process map: an activity, or a pair (by edgeKey). */
export type Selection = { readonly kind: 'node'; readonly name: string } | { readonly kind: 'edge'; readonly key: string };
