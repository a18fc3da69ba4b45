// oidc-provider ships no type declarations; tests/support/oidc-issuer.ts uses it through its documented API only.
declare module 'oidc-provider';
