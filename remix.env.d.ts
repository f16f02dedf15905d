/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch changes what loaders may return; this makes useLoaderData's types follow it.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
