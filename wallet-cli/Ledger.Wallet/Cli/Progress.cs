namespace Ledger.Wallet.Cli;

/// <summary>A one-line progress indicator on standard error, only when a person is watching.</summary>
internal sealed class Progress : IDisposable
{
    private static readonly char[] Frames = ['|', '/', '-', '\\'];
    private readonly WalletSession _session;
    private readonly string _text;
    private readonly Timer? _timer;
    private int _frame;
    private int _done;

    public Progress(WalletSession session, string text)
    {
        _session = session;
        _text = text;
        if (session.Interactive)
        {
            _timer = new Timer(_ => Tick(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        }
    }

    public void Tick()
    {
        if (_timer is null || Volatile.Read(ref _done) != 0)
        {
            return;
        }

        var frame = Frames[Interlocked.Increment(ref _frame) % Frames.Length];
        lock (_session.Error)
        {
            _session.Error.Write($"\r{_text} {frame}");
        }
    }

    public void Done()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0 && _timer is not null)
        {
            _timer.Dispose();
            lock (_session.Error)
            {
                _session.Error.Write("\r" + new string(' ', _text.Length + 2) + "\r");
            }
        }
    }

    public void Dispose() => Done();
}
