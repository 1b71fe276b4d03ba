using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Ledger.Console.Tests.Infrastructure;

/// <summary>
/// Headless Debian chromium driven by Debian's chromedriver (packages <c>chromium</c> and <c>chromium-driver</c>;
/// .ci/run installs them). Nothing is downloaded: when either binary is missing the test fails naming the packages.
/// Every wait is bounded; browser log entries of level SEVERE (script errors, CSP violations, failed loads) are
/// collected so a test can assert that a page produced none.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ChromeDriver _driver;
    private readonly List<string> _errors = [];

    public Browser()
    {
        RequireInstalled();
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--lang=en-US");
        if (Environment.UserName == "root")
        {
            options.AddArgument("--no-sandbox"); // chromium refuses to run as root with its sandbox on
        }

        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        _driver.Manage().Timeouts().PageLoad = Wait;
        _driver.Manage().Timeouts().AsynchronousJavaScript = Wait;
    }

    public IWebDriver Driver => _driver;

    /// <summary>Fails (never skips) when the browser or its driver is not installed, naming the Debian packages.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"the browser tests need Debian's chromium and chromedriver ({ChromiumPath}, {DriverPath}): " +
                "run `apt-get install -y chromium chromium-driver` (.ci/run does this when they are missing)");
        }
    }

    /// <summary>Opens the console at <paramref name="route"/> (e.g. "tokens") and waits until the page finished loading.</summary>
    public void Open(Uri consoleUrl, string route)
    {
        var before = ReadyGeneration();
        var target = new Uri(consoleUrl, $"#/{route}");
        if (_driver.Url == target.ToString())
        {
            _driver.Navigate().Refresh(); // the same URL would not navigate at all
        }
        else
        {
            _driver.Navigate().GoToUrl(target);
        }

        WaitForReady(before);
    }

    /// <summary>Follows an in-page route change (hash) and waits for the page to finish.</summary>
    public void Go(string route)
    {
        var before = ReadyGeneration();
        // Setting the hash it already has fires no hashchange: reload then.
        ((IJavaScriptExecutor)_driver).ExecuteScript("if (location.hash === arguments[0]) { location.reload(); } else { location.hash = arguments[0]; }", $"#/{route}");
        WaitForReady(before);
    }

    /// <summary>Waits (bounded) until the console finished rendering a route other than <paramref name="before"/>.</summary>
    public void WaitForReady(string? before)
    {
        Until(d =>
        {
            var now = ReadyGeneration();
            return now is not null && now != before;
        }, "the console page to finish loading");
    }

    public string Text(string cssSelector) => Until(d => d.FindElements(By.CssSelector(cssSelector)).FirstOrDefault()?.Text, $"'{cssSelector}'");

    /// <summary>Waits until <paramref name="condition"/> returns a non-null, non-false value, at most 30 s; the failure names <paramref name="what"/>.</summary>
    public T Until<T>(Func<IWebDriver, T?> condition, string what)
    {
        var wait = new WebDriverWait(_driver, Wait) { PollingInterval = TimeSpan.FromMilliseconds(100), Message = $"waited {Wait.TotalSeconds:0} s for {what}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(condition)!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, at most 30 s; the failure names <paramref name="what"/>.</summary>
    public void WaitFor(Func<bool> condition, string what) => Until(_ => condition(), what);

    /// <summary>SEVERE browser log entries since the last call (the log is drained by each read).</summary>
    public IReadOnlyList<string> TakeErrors()
    {
        foreach (var entry in _driver.Manage().Logs.GetLog(LogType.Browser))
        {
            if (entry.Level == LogLevel.Severe)
            {
                _errors.Add(entry.Message);
            }
        }

        var errors = _errors.ToList();
        _errors.Clear();
        return errors;
    }

    /// <summary>Saves a PNG of the viewport into the test output folder (screenshots/NAME.png); returns its path.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }

    private string? ReadyGeneration()
    {
        try
        {
            return ((IJavaScriptExecutor)_driver).ExecuteScript("return document.getElementById('main')?.getAttribute('data-ready') ?? null;") as string;
        }
        catch (WebDriverException)
        {
            return null;
        }
    }
}
