/**
 * The HTTP JSON API and the web UI of deq: a Javalin server over one open index store. Where things are:
 * <ul>
 *   <li>starting, stopping and configuring: {@code DeqServer}, {@code ServerConfig};</li>
 *   <li>the served index and its reloads when {@code deq index} commits: {@code LiveIndex} (swaps states, keeps the last
 *       good one), {@code ServedIndex} (one state: store, search, sessions and what is built lazily, {@code Lazy});</li>
 *   <li>the routes and their answers: {@code Api} (handlers), {@code ApiRoutes} (paths and parameters, read from the
 *       served {@code openapi.json}), {@code Views} (response records), {@code IndexStats}, {@code EvalFigures},
 *       {@code Exports} (GeoJSON, CSV), {@code ResultLists} (lists kept for export and refinement);</li>
 *   <li>reading requests: {@code RequestParams}, {@code RequestBodies}, {@code Uploads} (images to query patches),
 *       {@code ArchiveFiles} (a stored patch's files);</li>
 *   <li>limits and gates that keep one client from taking the server: {@code BodyLimits}, {@code BodyGate} (slow or
 *       many bodies), {@code SearchGate} (one search per core);</li>
 *   <li>security: {@code OriginGuard} (other origins, DNS rebinding), {@code SecurityHeaders}, {@code SessionListAccess};</li>
 *   <li>work done once for many requests: {@code DrawnImages} (thumbnails and maps), {@code ImageCaching} (browser
 *       revalidation), {@code RoundCache} (feedback rounds), {@code SharedWork};</li>
 *   <li>feedback sessions over HTTP: {@code FeedbackSessions}, {@code SessionsFolder};</li>
 *   <li>errors and logs: {@code ApiException}, {@code JsonErrorHandler} (Jetty's own errors as JSON), {@code DiskFull},
 *       {@code LogText};</li>
 *   <li>the load test (a program of its own, README "Web UI and HTTP API"): {@code LoadTest}, {@code KeepAliveClient}.</li>
 * </ul>
 * The web UI's files are resources beside these classes ({@code web/}).
 */
package org.deq.server;
