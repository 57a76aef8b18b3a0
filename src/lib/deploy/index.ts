export { writeDeployFiles } from './build-files.ts';
export {
  CSP_DIRECTIVES,
  CSP_HEADER_ONLY_DIRECTIVES,
  CSP_SCRIPT_RESOURCES,
  CSP_STYLE_ATTR_RESOURCES,
  CSP_STYLE_RESOURCES,
} from './csp.ts';
export {
  formatPolicy,
  HSTS,
  IMMUTABLE,
  mergePolicies,
  netlifyHeaders,
  nginxHeaders,
  parsePolicy,
  REVALIDATE,
  SECURITY_HEADERS,
} from './headers.ts';
export { cspHash, inlineScriptBodies } from './inline-scripts.ts';
export { PLACEHOLDER_CONTACT, securityTxt } from './security-txt.ts';
