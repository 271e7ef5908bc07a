// The other half of the OpenAPI operations (see openapi-fuzz.ts).
import { fuzzOpenApi } from './openapi-fuzz';

await fuzzOpenApi({ shard: 1, of: 2 });
