using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reintegratie.Edge.Hub.Operators;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>
/// The console: login (operators in PostgreSQL, no default account), the page, its state as JSON, live changes as
/// server-sent events, and acknowledge. Everything but <c>/login</c> and <c>/healthz</c> needs a session; state-changing
/// requests also need the <c>X-Hub-Console</c> header (a cross-site form cannot set it) on top of the SameSite=Strict cookie.
/// </summary>
public static class ConsoleEndpoints
{
    private const string Cookie = "hub_session";
    private const string OperatorItem = "operator";

    /// <summary>Maps the console on <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path is "/login" or "/healthz")
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var operators = context.RequestServices.GetRequiredService<OperatorStore>();
            var name = await operators.AuthenticateAsync(context.Request.Cookies[Cookie], context.RequestAborted).ConfigureAwait(false);
            if (name is null)
            {
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect("/login");
                }

                return;
            }

            if (HttpMethods.IsPost(context.Request.Method) && !context.Request.Headers.ContainsKey("X-Hub-Console"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Items[OperatorItem] = name;
            await next(context).ConfigureAwait(false);
        });

        app.MapGet("/login", () => Results.Content(ConsolePage.Login(null), "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext context, OperatorStore operators) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var token = await operators.LoginAsync(form["name"].ToString(), form["password"].ToString(), context.RequestAborted).ConfigureAwait(false);
            if (token is null)
            {
                return Results.Content(ConsolePage.Login("Onjuiste naam of wachtwoord."), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status401Unauthorized);
            }

            context.Response.Cookies.Append(Cookie, token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, MaxAge = OperatorStore.SessionLifetime, Path = "/",
            });
            return Results.Redirect("/");
        });
        app.MapPost("/logout", LogoutAsync);
        app.MapGet("/", () => Results.Content(ConsolePage.Main, "text/html; charset=utf-8"));
        app.MapGet("/api/state", async (string? site, string? kind, ConsoleQueries queries, CancellationToken ct) =>
            Results.Content(await queries.StateAsync(site, kind, ct).ConfigureAwait(false), "application/json"));
        app.MapGet("/api/events", StreamAsync);
        app.MapPost("/api/alerts/{id}/ack", AcknowledgeAsync);
    }

    /// <summary>Ends the session: its row goes, and with it the sealed signing key; the browser's cookie is cleared.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, OperatorStore operators)
    {
        var name = (string)context.Items[OperatorItem]!;
        await operators.LogoutAsync(context.Request.Cookies[Cookie]!, context.RequestAborted).ConfigureAwait(false);
        await operators.AuditAsync(name, "logout", "session and its signing key dropped", context.RequestAborted).ConfigureAwait(false);
        context.Response.Cookies.Delete(Cookie, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/" });
        return Results.Ok(new { ok = true, message = "uitgelogd" });
    }

    private static async Task StreamAsync(HttpContext context, ChangeFeed feed)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var (reader, lease) = feed.Subscribe();
        using (lease)
        {
            await context.Response.WriteAsync("event: ready\ndata: *\n\n", context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            try
            {
                await foreach (var site in reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
                {
                    await context.Response.WriteAsync($"event: change\ndata: {site.ReplaceLineEndings(" ")}\n\n", context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // the browser went away
            }
        }
    }

    private static async Task<IResult> AcknowledgeAsync(
        string id, HttpContext context, ConsoleQueries queries, CommandPublisher commands, OperatorStore operators, ICommandSigner consoleKey, TimeProvider time)
    {
        var name = (string)context.Items[OperatorItem]!;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        var note = form?["note"].ToString();
        var alert = await queries.FindAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (alert is not { Active: true } a)
        {
            await operators.AuditAsync(name, "ack_refused", $"{id}: unknown or ended", context.RequestAborted).ConfigureAwait(false);
            return Results.NotFound(new { ok = false, message = "alert_id: onbekende of beëindigde melding" });
        }

        if (a.Source == "hub")
        {
            await queries.AcknowledgeHubAlertAsync(id, name, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
            await operators.AuditAsync(name, "ack", $"{id} (hub alert)", context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { ok = true, message = "bevestigd" });
        }

        // The operator's own key (unlocked at login, sealed in the session); the console key only for accounts without one.
        string correlation;
        ICommandSigner signer = consoleKey;
        try
        {
            using var own = await operators.SessionKeyAsync(context.Request.Cookies[Cookie]!, name, context.RequestAborted).ConfigureAwait(false);
            if (own is not null)
            {
                signer = new OperatorCommandSigner(own, name, time);
            }

            correlation = await commands.AcknowledgeAsync(signer, a.Site, a.Gateway, id, name, string.IsNullOrWhiteSpace(note) ? null : note, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            await operators.AuditAsync(name, "ack_refused", $"{id}: {ex.Message}", context.RequestAborted).ConfigureAwait(false);
            return Results.Json(new { ok = false, message = "deze console kan geen opdrachten ondertekenen: " + ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await operators.AuditAsync(name, "ack", $"{id} -> {a.Site}/{a.Gateway} correlation {correlation}, signed with key {signer.KeyId}", context.RequestAborted).ConfigureAwait(false);
        return Results.Accepted(value: new { ok = true, message = $"bevestiging verstuurd naar {a.Site}/{a.Gateway}", correlation_id = correlation });
    }
}
