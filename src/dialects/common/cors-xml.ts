import { MAX_CORS_RULES, corsMethods, type CorsConfiguration, type CorsRule } from '../../core/cors/cors-rules.js';
import { StorageError } from '../../core/errors.js';
import { childrenNamed, el, expectRoot, malformedXml, optionalChild, parseXml, type XmlElement, type XmlNode } from './xml.js';

const RULE_ELEMENTS = new Set(['ID', 'AllowedOrigin', 'AllowedMethod', 'AllowedHeader', 'ExposeHeader', 'MaxAgeSeconds']);

/**
 * `<CORSConfiguration><CORSRule>...` as S3 and OSS both write it (OSS adds ResponseVary). At least one
 * origin and one method per rule, methods among GET PUT HEAD POST DELETE, at most 100 rules.
 */
export function parseCorsConfiguration(xml: string, options: { readonly allowResponseVary: boolean }): CorsConfiguration {
  const root = expectRoot(parseXml(xml), 'CORSConfiguration');
  const allowed = new Set(['CORSRule', ...(options.allowResponseVary ? ['ResponseVary'] : [])]);
  if (root.children.some((c) => !allowed.has(c.name))) throw malformedXml();
  const rules = childrenNamed(root, 'CORSRule').map(parseRule);
  if (rules.length === 0 || rules.length > MAX_CORS_RULES) throw malformedXml();
  const vary = optionalChild(root, 'ResponseVary')?.text.trim();
  if (vary !== undefined && vary !== 'true' && vary !== 'false') throw malformedXml();
  return { rules, ...(vary === undefined ? {} : { responseVary: vary === 'true' }) };
}

function parseRule(node: XmlNode): CorsRule {
  if (node.children.some((c) => !RULE_ELEMENTS.has(c.name))) throw malformedXml();
  const texts = (name: string) => childrenNamed(node, name).map((c) => c.text.trim());
  const allowedOrigins = texts('AllowedOrigin');
  const allowedMethods = texts('AllowedMethod');
  if (allowedOrigins.length === 0 || allowedMethods.length === 0) throw malformedXml();
  for (const m of allowedMethods) {
    if (!(corsMethods as readonly string[]).includes(m)) {
      throw new StorageError('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${m}`);
    }
  }
  for (const o of allowedOrigins) {
    if ((o.match(/\*/g) ?? []).length > 1) {
      throw new StorageError('InvalidRequest', `AllowedOrigin "${o}" can not have more than one wildcard.`);
    }
  }
  const id = optionalChild(node, 'ID')?.text.trim();
  const maxAge = optionalChild(node, 'MaxAgeSeconds')?.text.trim();
  if (maxAge !== undefined && !/^\d+$/.test(maxAge)) throw malformedXml();
  return {
    ...(id === undefined || id === '' ? {} : { id }),
    allowedOrigins,
    allowedMethods,
    allowedHeaders: texts('AllowedHeader'),
    exposeHeaders: texts('ExposeHeader'),
    ...(maxAge === undefined ? {} : { maxAgeSeconds: Number(maxAge) }),
  };
}

export function corsConfigurationElements(config: CorsConfiguration, options: { readonly withResponseVary: boolean }): XmlElement[] {
  return [
    ...config.rules.map((r) =>
      el('CORSRule', [
        r.id !== undefined && el('ID', r.id),
        ...r.allowedOrigins.map((o) => el('AllowedOrigin', o)),
        ...r.allowedMethods.map((m) => el('AllowedMethod', m)),
        ...r.allowedHeaders.map((h) => el('AllowedHeader', h)),
        ...r.exposeHeaders.map((h) => el('ExposeHeader', h)),
        r.maxAgeSeconds !== undefined && el('MaxAgeSeconds', r.maxAgeSeconds),
      ]),
    ),
    ...(options.withResponseVary ? [el('ResponseVary', config.responseVary ?? false)] : []),
  ];
}
