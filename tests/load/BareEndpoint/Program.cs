// The yardstick for the load test: a bare ASP.NET Core minimal API answering POST with a fixed JSON body
// of the same size as a typical CareerGraph answer, so the ratio shows what GraphQL and the store cost.
// Its own folder as the content root, as CareerGraph has: the configuration's file watcher then watches that folder,
// not whatever folder it was started from (a repository with node_modules costs the start seconds).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
var app = builder.Build();
var body = await File.ReadAllBytesAsync(app.Configuration["Body"] ?? throw new InvalidOperationException("Pass --Body=<file with the JSON to answer>."));
app.MapPost("/graphql", async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
    await context.Response.Body.WriteAsync(body);
});
app.Run();
