using System.Diagnostics;

namespace Ledger.Chaos.Cluster;

/// <summary>
/// A small tmpfs mounted for one node's data directory, so that its disk can really fill up: <see cref="Fill"/> takes all
/// but a few KiB with a preallocated file, <see cref="Free"/> gives the space back. Needs root (mount); <see cref="TryMount"/>
/// says why not otherwise. Unmounted on dispose.
/// </summary>
public sealed class DataVolume : IDisposable
{
    private const string FillerName = "chaos-filler.bin";
    private bool _mounted;

    private DataVolume(string mountPoint)
    {
        MountPoint = mountPoint;
    }

    public string MountPoint { get; }

    /// <summary>Where the node keeps its data, inside the mount.</summary>
    public string DataDirectory => Path.Combine(MountPoint, "data");

    public long AvailableBytes => new DriveInfo(MountPoint).AvailableFreeSpace;

    /// <summary>Mounts a tmpfs of <paramref name="sizeMiB"/> at <paramref name="mountPoint"/>; null and <paramref name="why"/> when it cannot.</summary>
    public static DataVolume? TryMount(string mountPoint, int sizeMiB, out string why)
    {
        Directory.CreateDirectory(mountPoint);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeMiB}m,mode=0700", "tmpfs", mountPoint);
        if (code != 0)
        {
            why = $"mount -t tmpfs failed (exit {code}: {output.Trim()}); disk-full faults need root and mount permission";
            return null;
        }

        var volume = new DataVolume(mountPoint) { _mounted = true };
        Directory.CreateDirectory(volume.DataDirectory);
        why = "";
        return volume;
    }

    /// <summary>Fills the volume until at most <paramref name="leaveBytes"/> remain free; returns the bytes taken.</summary>
    public long Fill(long leaveBytes)
    {
        var take = AvailableBytes - leaveBytes;
        if (take <= 0)
        {
            return 0;
        }

        var path = Path.Combine(MountPoint, FillerName);
        // Written, not preallocated sparse: tmpfs counts only pages that hold data (or are fallocated).
        using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var block = new byte[1 << 20];
            var left = take;
            try
            {
                while (left > 0)
                {
                    var n = (int)Math.Min(block.Length, left);
                    file.Write(block, 0, n);
                    left -= n;
                }

                file.Flush();
            }
            catch (IOException)
            {
                // The node wrote meanwhile: the disk is full either way.
            }
        }

        return take;
    }

    /// <summary>Deletes the filler: the space returns.</summary>
    public void Free()
    {
        var path = Path.Combine(MountPoint, FillerName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        if (!_mounted)
        {
            return;
        }

        _mounted = false;
        if (Run("umount", MountPoint).Code != 0)
        {
            Run("umount", "-l", MountPoint); // a process may still hold a file; detach lazily
        }

        try
        {
            Directory.Delete(MountPoint, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
