// Half of the OpenAPI operations (see openapi-fuzz.ts); the other half runs beside it.
import { fuzzOpenApi } from './openapi-fuzz';

await fuzzOpenApi({ shard: 0, of: 2 });
