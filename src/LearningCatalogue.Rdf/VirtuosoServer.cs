using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace LearningCatalogue.Rdf;

/// <summary>
/// A Virtuoso run by the product: its own virtuoso.ini and database in <see cref="VirtuosoOptions.Folder"/>,
/// HTTP and SQL bound to 127.0.0.1, started as a child process and shut down with a checkpoint on dispose.
/// <para>
/// One server per folder: when the folder's lock file names a running virtuoso-t (the web host started it, say),
/// <see cref="StartAsync"/> waits for that server's SPARQL endpoint and uses it, and dispose leaves it running.
/// A server on the port that is not this folder's is an error, never silently used.
/// </para>
/// </summary>
public sealed class VirtuosoServer : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly VirtuosoOptions _options;
    private readonly ILogger<VirtuosoServer> _logger;
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _process;

    public VirtuosoServer(VirtuosoOptions options, ILogger<VirtuosoServer> logger)
    {
        _options = options;
        _logger = logger;
        Folder = Path.GetFullPath(options.Folder ?? throw new ArgumentException("VirtuosoOptions.Folder is not set (see VirtuosoOptions.ResolveFolder).", nameof(options)));
    }

    public string Folder { get; }

    public string IniPath => Path.Combine(Folder, "virtuoso.ini");

    public string LogPath => Path.Combine(Folder, "virtuoso.log");

    private string LockPath => Path.Combine(Folder, "virtuoso.lck");

    /// <summary>True when this object started the process (and so stops it); false when it reuses a running server.</summary>
    public bool OwnsProcess => _process is not null;

    /// <summary>The store options for this server's endpoints (dba and <see cref="VirtuosoOptions.DbaPassword"/>).</summary>
    public RdfStoreOptions StoreOptions => _options.ToStoreOptions();

    /// <summary>Starts the server, or finds this folder's running one, and returns once its SPARQL endpoint answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            return;
        }
        var binary = FindBinary(_options.Binary)
            ?? throw new VirtuosoNotInstalledException(_options.Binary);
        Directory.CreateDirectory(Path.Combine(Folder, "www"));

        if (RunningServerPid() is { } runningPid)
        {
            _logger.LogInformation("Virtuoso for {Folder} already runs (pid {Pid}); using it", Folder, runningPid);
            await WaitForEndpointAsync(null, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await EndpointAnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"A SPARQL server that is not the one of {Folder} answers at {_options.HttpBase}; choose another Catalogue:Virtuoso:HttpPort or stop it.");
        }

        var freshDatabase = !File.Exists(Path.Combine(Folder, "virtuoso.db"));
        await File.WriteAllTextAsync(IniPath, CreateIni(), cancellationToken).ConfigureAwait(false);
        var process = StartProcess(binary);
        _logger.LogInformation("Started Virtuoso (pid {Pid}) for {Folder} on HTTP port {HttpPort}, SQL port {SqlPort}", process.Id, Folder, _options.HttpPort, _options.SqlPort);
        try
        {
            if (!await WaitForEndpointAsync(process, cancellationToken).ConfigureAwait(false))
            {
                process.Dispose();
                return;
            }
            if (freshDatabase && _options.DbaPassword != "dba")
            {
                var password = _options.DbaPassword.Replace("'", "''", StringComparison.Ordinal);
                await RunIsqlAsync("dba", $"USER_SET_PASSWORD('dba', '{password}');", "setting the dba password", cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
        _process = process;
    }

    /// <summary>Shuts down the server this object started (a checkpoint, then exit); kills it if it does not stop in time.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }
        _process = null;
        using var _ = process;
        if (process.HasExited)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StopTimeout);
        try
        {
            await RunIsqlAsync(_options.DbaPassword, "shutdown;", "shutdown", timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            _logger.LogInformation("Virtuoso (pid {Pid}) for {Folder} stopped", process.Id, Folder);
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            _logger.LogWarning(exception, "Virtuoso (pid {Pid}) did not shut down cleanly; killing it (its transaction log is replayed on the next start)", process.Id);
            Kill(process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _probe.Dispose();
    }

    /// <summary>The last lines of virtuoso.log, for error messages.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no virtuoso.log)";
        }
    }

    private string CreateIni()
    {
        var folder = Folder;
        var ini = $"""
            ; Written by the Learning Catalogue on every start; edit Catalogue:Virtuoso settings instead.
            [Database]
            DatabaseFile = {folder}/virtuoso.db
            ErrorLogFile = {folder}/virtuoso.log
            LockFile = {folder}/virtuoso.lck
            TransactionFile = {folder}/virtuoso.trx
            xa_persistent_file = {folder}/virtuoso.pxa
            ErrorLogLevel = 7
            FileExtend = 200
            MaxCheckpointRemap = 2000
            Striping = 0
            TempStorage = TempDatabase

            [TempDatabase]
            DatabaseFile = {folder}/virtuoso-temp.db
            TransactionFile = {folder}/virtuoso-temp.trx
            MaxCheckpointRemap = 2000
            Striping = 0

            [Parameters]
            ServerPort = 127.0.0.1:{_options.SqlPort}
            DisableUnixSocket = 1
            MaxClientConnections = 10
            CheckpointInterval = 60
            O_DIRECT = 0
            CaseMode = 2
            MaxStaticCursorRows = 5000
            CheckpointAuditTrail = 0
            AllowOSCalls = 0
            SchedulerInterval = 10
            DirsAllowed = ., {folder}
            ThreadCleanupInterval = 0
            ThreadThreshold = 10
            ResourcesCleanupInterval = 0
            FreeTextBatchSize = 100000
            SingleCPU = 0
            PrefixResultNames = 0
            RdfFreeTextRulesSize = 100
            IndexTreeMaps = 64
            MaxMemPoolSize = 200000000
            ThreadsPerQuery = 2
            AsyncQueueMaxThreads = 4
            NumberOfBuffers = {_options.NumberOfBuffers.ToString(CultureInfo.InvariantCulture)}
            MaxDirtyBuffers = {_options.MaxDirtyBuffers.ToString(CultureInfo.InvariantCulture)}

            [HTTPServer]
            ServerPort = 127.0.0.1:{_options.HttpPort}
            ServerRoot = {folder}/www
            ServerThreads = 10
            MaxClientConnections = 10
            DavRoot = DAV
            EnabledDavVSP = 0
            HTTPProxyEnabled = 0
            TempASPXDir = 0
            MaxKeepAlives = 10
            KeepAliveTimeout = 10
            HTTPThreadSize = 280000
            HttpPrintWarningsInOutput = 0
            Charset = UTF-8
            EnabledGzipContent = 1

            [AutoRepair]
            BadParentLinks = 0

            [Client]
            SQL_PREFETCH_ROWS = 100
            SQL_PREFETCH_BYTES = 16000
            SQL_QUERY_TIMEOUT = 0
            SQL_TXN_TIMEOUT = 0

            [Replication]
            ServerName = learning-catalogue
            ServerEnable = 0

            [SPARQL]
            ResultSetMaxRows = 1000000
            MaxQueryCostEstimationTime = 0
            MaxQueryExecutionTime = 0
            DeferInferenceRulesInit = 0

            """;
        return ini.ReplaceLineEndings("\n");
    }

    private Process StartProcess(string binary)
    {
        var startInfo = new ProcessStartInfo(binary)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("+foreground");
        startInfo.ArgumentList.Add("+configfile");
        startInfo.ArgumentList.Add(IniPath);
        var process = new Process { StartInfo = startInfo };
        // In the foreground Virtuoso copies its log to the console; the pipes must be drained or it blocks.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _logger.LogTrace("virtuoso: {Line}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _logger.LogDebug("virtuoso: {Line}", e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the SPARQL endpoint answers; false when <paramref name="process"/> gave way to another server of this folder.</summary>
    private async Task<bool> WaitForEndpointAsync(Process? process, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await EndpointAnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                _logger.LogInformation("Virtuoso's SPARQL endpoint {Endpoint} answers after {Elapsed} ms", _options.ToStoreOptions().QueryEndpoint, stopwatch.ElapsedMilliseconds);
                return true;
            }
            if (process is { HasExited: true })
            {
                // Two starts on one folder at the same moment: the loser exits on the lock and uses the winner.
                if (RunningServerPid() is { } other && other != process.Id)
                {
                    _logger.LogInformation("Another Virtuoso (pid {Pid}) started for {Folder} meanwhile; using it", other, Folder);
                    await WaitForEndpointAsync(null, cancellationToken).ConfigureAwait(false);
                    return false;
                }
                throw new InvalidOperationException(
                    $"Virtuoso exited with code {process.ExitCode} while starting ({IniPath}). The end of {LogPath}:\n{LogTail()}");
            }
            if (stopwatch.Elapsed > _options.StartTimeout)
            {
                throw new TimeoutException(
                    $"Virtuoso's SPARQL endpoint {_options.HttpBase}sparql did not answer within {_options.StartTimeout} ({IniPath}). The end of {LogPath}:\n{LogTail()}");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> EndpointAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("query", "ASK {}")]);
            using var response = await _probe.PostAsync(new Uri(_options.HttpBase, "sparql"), content, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>The pid in the folder's lock file when that process is a running Virtuoso.</summary>
    private int? RunningServerPid()
    {
        string text;
        try
        {
            text = File.ReadAllText(LockPath);
        }
        catch (IOException)
        {
            return null;
        }
        if (!text.StartsWith("VIRT_PID=", StringComparison.Ordinal) || !int.TryParse(text.AsSpan(9).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            // A stale lock file may name a pid that now belongs to something else.
            return !process.HasExited && process.ProcessName.StartsWith("virtuoso", StringComparison.Ordinal) ? pid : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task RunIsqlAsync(string loginPassword, string sql, string purpose, CancellationToken cancellationToken)
    {
        var isql = FindBinary(_options.IsqlBinary)
            ?? throw new VirtuosoNotInstalledException(_options.IsqlBinary);
        var startInfo = new ProcessStartInfo(isql)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add($"127.0.0.1:{_options.SqlPort}");
        startInfo.ArgumentList.Add("dba");
        startInfo.ArgumentList.Add(loginPassword);
        startInfo.ArgumentList.Add($"exec={sql}");
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder().Append(await output.ConfigureAwait(false)).Append(await error.ConfigureAwait(false)).ToString();
        // isql exits with 0 after a failed statement; only its output tells.
        if (process.ExitCode != 0 || text.Contains("*** Error", StringComparison.Ordinal))
        {
            // isql echoes a failed statement, which may hold a password.
            var redacted = text.Replace(_options.DbaPassword, "***", StringComparison.Ordinal).Trim();
            throw new InvalidOperationException($"isql ({purpose}) on Virtuoso's SQL port {_options.SqlPort} failed: {redacted}");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string? FindBinary(string binary)
    {
        if (binary.Contains('/'))
        {
            return File.Exists(binary) ? Path.GetFullPath(binary) : null;
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}

/// <summary>virtuoso-t or isql-vt is not on the machine.</summary>
public sealed class VirtuosoNotInstalledException(string binary)
    : InvalidOperationException($"Virtuoso's '{binary}' is not installed (Debian package virtuoso-opensource-7-bin): run src/tools/prerequisites.sh.");
