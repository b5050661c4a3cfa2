// The yardstick for the load test: a bare ASP.NET Core minimal API answering POST with a fixed JSON body
// of the same size as a typical CareerGraph answer, so the ratio shows what GraphQL and the store cost.
// The body is --Body's file at start; PUT /answer replaces it, so that the load test (load.mjs) can measure what HTTP
// alone costs for each of its queries: the same requests, an answer of the same size, no work in between.
// Its own folder as the content root, as CareerGraph has: the configuration's file watcher then watches that folder,
// not whatever folder it was started from (a repository with node_modules costs the start seconds).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
var app = builder.Build();
var body = app.Configuration["Body"] is { } file ? await File.ReadAllBytesAsync(file) : "{}"u8.ToArray();
app.MapPost("/graphql", async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    var answer = Volatile.Read(ref body);
    context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer);
});
app.MapPut("/answer", async context =>
{
    using var copy = new MemoryStream();
    await context.Request.Body.CopyToAsync(copy);
    Volatile.Write(ref body, copy.ToArray());
    context.Response.StatusCode = StatusCodes.Status204NoContent;
});
app.Run();
