import type { AuthorizationRequest, Authorizer } from '../../auth/index.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError, isStorageError } from '../../core/errors.js';
import type { Bucket, Principal } from '../../core/types.js';
import type { Dialect } from './dialect.js';
import type { PipelineStage, WireRequest, WireResponse } from './wire.js';

/** A routed request: a typed endpoint named after the vendor's operation. */
export interface Endpoint {
  readonly operation: string;
}

/** Who sent a request, once its signature is verified (a dialect may add what it resolved, as Glacier's account). */
export interface Caller<A = unknown> {
  readonly auth: A;
  readonly principal: Principal;
}

/** What one authorization is about: an action on a resource, and the bucket and account that hold it. */
export interface AuthorizationTarget {
  /** The IAM action (`s3:PutObject`, `oss:GetObject`, `glacier:UploadArchive`...). */
  readonly action: string;
  /** The resource as policies name it (`arn:aws:s3:::bucket/key`, `acs:oss:*:*:bucket/key`...). */
  readonly resource: string;
  /** The account that owns the resource; undefined for account-level actions (ListBuckets, CreateBucket). */
  readonly resourceAccountId: string | undefined;
  /** The bucket (vault) the resource lives in, when the request names one that exists. */
  readonly bucket: Bucket | undefined;
}

export type EndpointHandler<H, E extends Endpoint> = (h: H, endpoint: E) => Promise<WireResponse>;

/** The handlers of a dialect, by operation; an operation without one is answered NotImplemented. */
export type HandlerTable<E extends Endpoint, H> = {
  readonly [O in E['operation']]?: EndpointHandler<H, Extract<E, { readonly operation: O }>>;
};

/** What the pipeline gives a dialect to build its handler context from. */
export interface PipelineRequest<E extends Endpoint, C extends Caller, B> {
  readonly req: WireRequest;
  readonly endpoint: E;
  readonly caller: C;
  /** The bucket the endpoint names, resolved and authorized; undefined when it names none. */
  readonly bucket: Bucket | undefined;
  /** The request body, handed out once: a second call throws. */
  readonly body: () => B;
  /** Authorizes a further action the operation needs (a copy's source), the same way as the endpoint's. */
  readonly authorize: (target: AuthorizationTarget) => Promise<void>;
}

/**
 * Everything that makes a dialect different, and nothing more. The pipeline supplies the order:
 * route, log the operation, authenticate, resolve the bucket, authorize once, pick the handler, hand the
 * body out once, and render every failure in the dialect's own format.
 */
export interface DialectConfig<E extends Endpoint, C extends Caller, H, B> {
  readonly name: Dialect['name'];
  /** How the log names the dialect when a request fails unexpectedly (`S3 request failed`). */
  readonly label: string;
  readonly core: CoreContext;
  readonly authorizer: Authorizer;
  /** Cheap checks on path, headers and query only; the body is never read. */
  detect(req: WireRequest): boolean;
  /**
   * Requests answered before routing, without credentials (S3: CORS preflights, which browsers send
   * unsigned); undefined for every other request. Its failures are rendered like any other.
   */
  preflight?(req: WireRequest): Promise<WireResponse> | undefined;
  route(req: WireRequest): E;
  /** The bucket (vault) and key the endpoint names, for the access log. */
  logFields(endpoint: E): { readonly bucket?: string; readonly key?: string };
  /**
   * Operations whose credentials travel in the body (S3's browser POST with a signed policy): the
   * dialect authenticates them while it reads the body, and authorizes through `authorize`, the same
   * single path as every other request. Undefined for requests that take the ordinary steps.
   */
  bodyCredentials?(
    endpoint: E,
    req: WireRequest,
    authorize: (caller: C, target: AuthorizationTarget) => Promise<void>,
  ): Promise<WireResponse> | undefined;
  /** Verifies the request's signature and refuses callers the dialect does not serve (anonymous ones). */
  authenticate(req: WireRequest, endpoint: E): Promise<C>;
  /** The bucket the endpoint names, found through the core; undefined when it names none (or creates it). */
  resolveBucket(endpoint: E, caller: C): Promise<Bucket | undefined>;
  /** The endpoint's own action and resource. */
  target(endpoint: E, caller: C, bucket: Bucket | undefined): AuthorizationTarget;
  /** The one function that builds what the authorizer is asked, for the endpoint and for any further check. */
  authorizationRequest(req: WireRequest, caller: C, target: AuthorizationTarget): AuthorizationRequest;
  /** The dialect's refusal when the authorizer says no. */
  denied(request: AuthorizationRequest): StorageError;
  readonly handlers: HandlerTable<E, H>;
  notImplemented(endpoint: E): StorageError;
  /** The decoded, verified body (called at most once, when the handler asks for it). */
  openBody(req: WireRequest, caller: C): B;
  handlerContext(request: PipelineRequest<E, C, B>): H;
  renderError(error: StorageError, req: WireRequest): WireResponse;
  /** Adds what every response carries (request id headers, Server; S3's CORS headers). */
  finish(response: WireResponse, req: WireRequest): WireResponse | Promise<WireResponse>;
}

/**
 * The one request pipeline of every dialect. Each step records itself in the request's log fields
 * (`stage`), so the access log shows how far a request got and a test can check that every operation
 * of every dialect went through here.
 */
export function createDialect<E extends Endpoint, C extends Caller, H, B>(config: DialectConfig<E, C, H, B>): Dialect {
  const { core } = config;

  async function authorize(req: WireRequest, caller: C, target: AuthorizationTarget): Promise<void> {
    const request = config.authorizationRequest(req, caller, target);
    if (!(await config.authorizer.authorize(request))) throw config.denied(request);
  }

  async function dispatch(req: WireRequest): Promise<WireResponse> {
    stage(req, 'route');
    const endpoint = config.route(req);
    req.log.operation = endpoint.operation;
    const { bucket: bucketName, key } = config.logFields(endpoint);
    if (bucketName !== undefined) req.log.bucket = bucketName;
    if (key !== undefined) req.log.key = key;

    stage(req, 'authenticate');
    const own = config.bodyCredentials?.(endpoint, req, (caller, target) => authorize(req, caller, target));
    if (own !== undefined) return own;
    const caller = await config.authenticate(req, endpoint);
    req.log.accessKeyId = caller.principal.accessKeyId;

    stage(req, 'resolve');
    const bucket = await config.resolveBucket(endpoint, caller);

    stage(req, 'authorize');
    await authorize(req, caller, config.target(endpoint, caller, bucket));

    stage(req, 'handle');
    const handler = config.handlers[endpoint.operation as E['operation']] as EndpointHandler<H, E> | undefined;
    if (handler === undefined) throw config.notImplemented(endpoint);
    let bodyTaken = false;
    const h = config.handlerContext({
      req,
      endpoint,
      caller,
      bucket,
      body: () => {
        if (bodyTaken) throw new Error('request body read twice');
        bodyTaken = true;
        return config.openBody(req, caller);
      },
      authorize: (target) => authorize(req, caller, target),
    });
    return handler(h, endpoint);
  }

  return {
    name: config.name,
    detect: (req) => config.detect(req),
    handle: async (req) => {
      let response: WireResponse;
      try {
        const early = config.preflight?.(req);
        response = await (early ?? dispatch(req));
      } catch (error) {
        const e = isStorageError(error) ? error : new StorageError('InternalError', undefined, {}, { cause: error });
        if (!isStorageError(error)) {
          core.log.error(`${config.label} request failed`, { requestId: req.id, error: String(error), stack: (error as Error).stack });
        }
        req.log.errorCode = e.code;
        response = config.renderError(e, req);
      }
      return config.finish(response, req);
    },
  };
}

function stage(req: WireRequest, name: PipelineStage): void {
  req.log.stage = name;
}
